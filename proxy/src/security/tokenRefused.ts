/** Why a signed-in user's token was not accepted; answered as a 401 with this code. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused';
  constructor(
    readonly code: 'token_expired' | 'token_invalid' | 'token_wrong_audience',
    message: string,
  ) {
    super(message);
  }
}
