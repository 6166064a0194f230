/** An error the API reported (GraphQL or /api/auth): the message says what, where and why. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
