// A chat's public key: printed into the frame code and the webhook URL, so it must be unguessable
// (it is the only thing that ties a website or a Facebook page to a chat) and URL-safe.
import { randomBytes } from 'node:crypto';

/** 18 random bytes = 144 bits, as 24 base64url characters. */
export const newPublicKey = (): string => randomBytes(18).toString('base64url');
