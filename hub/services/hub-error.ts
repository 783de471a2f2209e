/** A refusal the hub answers with an HTTP status, a code and a Chinese message (and logs). */
export class HubRefusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
