/** The name of a "How was this computed?" panel: the verb agrees with the subject ("the shapes were", "the band was"). */
export function howComputedName(subject: string | undefined, plural = false): string {
  return subject ? `How ${subject} ${plural ? 'were' : 'was'} computed` : 'How this was computed';
}
