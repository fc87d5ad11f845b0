/**
 * Which account each recently seen session belongs to, remembered in this process only. A
 * session's account never changes, so knowing it lets a request read the session and its account
 * side by side instead of one after the other. It is a hint, never an authority: the session read
 * still decides, and a hint that disagrees with it is ignored. Only live sessions are remembered,
 * and only the most recent `capacity` of them, so made-up tokens cannot grow it.
 */
export class SessionOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  get(sessionId: string): string | undefined {
    return this.owners.get(sessionId);
  }

  remember(sessionId: string, accountId: string): void {
    // Setting a key the Map already holds keeps its place, so a session seen again is not moved
    // to the back of the line and cannot push another one out.
    this.owners.set(sessionId, accountId);
    // A Map iterates in insertion order: the first key is the longest remembered.
    if (this.owners.size > this.capacity) this.owners.delete(this.owners.keys().next().value!);
  }

  forget(sessionId: string): void {
    this.owners.delete(sessionId);
  }

  get size(): number {
    return this.owners.size;
  }
}
