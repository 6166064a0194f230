/** Injection token of the AccessTokens signer/verifier (libs/auth), built once from config. */
export const ACCESS_TOKENS = Symbol('ACCESS_TOKENS');
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
export const SIGN_IN_THROTTLE = Symbol('SIGN_IN_THROTTLE');
