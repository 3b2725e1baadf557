/**
 * Thrown by the engine for input it cannot compute with. It names the field, so every
 * transport can turn it into a typed error pointing at the offending input.
 */
export class EngineInputError extends RangeError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'EngineInputError';
    this.field = field;
  }
}
