/** Partial updates: copy onto a record the fields a request sent, and only those (a field left out keeps its value). */
export function applyPresent<Target extends object, Key extends keyof Target & string>(
  target: Target,
  input: Partial<Record<Key, Target[Key]>>,
  keys: readonly Key[],
): void {
  for (const key of keys) {
    const value = input[key];
    if (value !== undefined) target[key] = value as Target[Key];
  }
}
