/**
 * A compile-time check that a schema and the engine's interface for the same shape agree, for
 * shapes the engine produces: the engine is pure TypeScript and cannot import zod, so instead of
 * deriving its types from the schema, each schema file calls `mirrors<Schema, Engine>(true)`.
 * It compiles only when every value of the engine's type fits the schema and no field (at any
 * depth) exists on one side only; otherwise the error names the fields.
 */

/** Every field path of a type ("memory.totalBytes", "flags.code"), through arrays and unions. */
export type FieldPaths<T, P extends string = ''> = T extends readonly (infer U)[]
  ? FieldPaths<U, P>
  : T extends object
    ? { [K in keyof T & string]-?: `${P}${K}` | FieldPaths<NonNullable<T[K]>, `${P}${K}.`> }[keyof T & string]
    : never;

type OnlyIn<A, B> = Exclude<FieldPaths<A>, FieldPaths<B>>;

export function mirrors<Schema, Engine extends Schema>(
  same: [OnlyIn<Schema, Engine>, OnlyIn<Engine, Schema>] extends [never, never]
    ? true
    : { onlyInSchema: OnlyIn<Schema, Engine>; onlyInEngine: OnlyIn<Engine, Schema> },
): void {
  void same;
}
