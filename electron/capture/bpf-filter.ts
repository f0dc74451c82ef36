// Composes the BPF filter (pcap-filter(7)) the agent applies: the user's expression, then one
// `not port N` per port the app itself serves, so the capture never records — and feeds on — its
// own traffic. The user's expression is parenthesised because `and` binds tighter than `or`:
// "port 80 or port 8080 and not port 9000" would exclude 9000 only from the second alternative.

export function composeFilter(userFilter: string | undefined, excludePorts: readonly number[] = []): string {
  for (const p of excludePorts) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new RangeError(`not a port number: ${p}`);
  }
  const user = (userFilter ?? '').trim();
  const exclusions = [...new Set(excludePorts)].map((p) => `not port ${p}`);
  if (exclusions.length === 0) return user;
  if (user === '') return exclusions.join(' and ');
  return `(${user}) and ${exclusions.join(' and ')}`;
}
