// A chat's connection to a Facebook page: the page, its access token and the Meta app secret
// (both encrypted at rest, bound to the chat and column), and the verify token Meta echoes when the
// webhook is registered. The browser only ever sees masked secrets.
import { randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { AuditEntryInput } from '../../domain/audit-actions.js';
import { auditedTransaction } from '../../audit/audited-transaction.js';
import { createSecretBox, mask, SecretBoxError, type SecretBox } from '../../domain/secret-box.js';
import type { FacebookFormValues } from '../../domain/chat-validation.js';
import { ChatsError } from '../../domain/errors.js';

export interface FacebookConnectionView {
  connected: boolean;
  pageId: string | null;
  pageName: string | null;
  pageAccessTokenMasked: string | null;
  appSecretMasked: string | null;
  verifyToken: string | null;
  connectedAt: string | null;
  /** False when stored secrets no longer decrypt (the SECRET changed): connect again. */
  secretsReadable: boolean;
}

export interface FacebookCredentials {
  pageId: string;
  pageAccessToken: string;
  appSecret: string;
  verifyToken: string;
}

const TOKEN_AAD = (chatId: number) => `chat:${chatId}:fbPageToken`;
const APP_SECRET_AAD = (chatId: number) => `chat:${chatId}:fbAppSecret`;

export class FacebookConnections {
  private readonly box: SecretBox;

  constructor(private readonly prisma: PrismaClient, secret: string) {
    this.box = createSecretBox(secret, 'facebook');
  }

  /** Null when the chat does not exist. */
  async view(chatId: number): Promise<FacebookConnectionView | null> {
    const chat = await this.prisma.chat.findUnique({ where: { id: chatId } });
    if (!chat) return null;
    let secretsReadable = true;
    const reveal = (sealed: string | null, aad: string): string | null => {
      if (!sealed) return null;
      try {
        return mask(this.box.decrypt(sealed, aad));
      } catch (error) {
        if (!(error instanceof SecretBoxError)) throw error;
        secretsReadable = false;
        return null;
      }
    };
    const pageAccessTokenMasked = reveal(chat.fbPageTokenEnc, TOKEN_AAD(chatId));
    const appSecretMasked = reveal(chat.fbAppSecretEnc, APP_SECRET_AAD(chatId));
    return {
      connected: !!chat.fbConnectedAt,
      pageId: chat.fbPageId,
      pageName: chat.fbPageName,
      pageAccessTokenMasked,
      appSecretMasked,
      verifyToken: chat.fbVerifyToken,
      connectedAt: chat.fbConnectedAt?.toISOString() ?? null,
      secretsReadable,
    };
  }

  /**
   * Connects (or updates) the page. Secrets left out keep their stored values; the verify token is
   * kept across updates so the Meta app settings stay valid. With `entry`, the change is recorded
   * in the audit log in the same transaction.
   */
  async connect(chatId: number, form: FacebookFormValues, entry?: AuditEntryInput): Promise<void> {
    const chat = await this.prisma.chat.findUniqueOrThrow({ where: { id: chatId } });
    if ((!form.pageAccessToken && !chat.fbPageTokenEnc) || (!form.appSecret && !chat.fbAppSecretEnc)) {
      throw new ChatsError('invalid', 'secretsRequired', 'The page access token and the app secret are required for a new connection');
    }
    await this.write(chatId, {
      fbPageId: form.pageId,
      fbPageName: form.pageName,
      ...(form.pageAccessToken ? { fbPageTokenEnc: this.box.encrypt(form.pageAccessToken, TOKEN_AAD(chatId)) } : {}),
      ...(form.appSecret ? { fbAppSecretEnc: this.box.encrypt(form.appSecret, APP_SECRET_AAD(chatId)) } : {}),
      fbVerifyToken: chat.fbVerifyToken ?? randomBytes(24).toString('base64url'),
      fbConnectedAt: chat.fbConnectedAt ?? new Date(),
    }, entry);
  }

  async disconnect(chatId: number, entry?: AuditEntryInput): Promise<void> {
    await this.write(chatId, {
      fbPageId: null,
      fbPageName: null,
      fbPageTokenEnc: null,
      fbAppSecretEnc: null,
      fbVerifyToken: null,
      fbConnectedAt: null,
    }, entry);
  }

  private async write(chatId: number, data: Prisma.ChatUpdateInput, entry: AuditEntryInput | undefined): Promise<void> {
    if (!entry) {
      await this.prisma.chat.update({ where: { id: chatId }, data });
      return;
    }
    await auditedTransaction(this.prisma, async (tx) => ({ result: await tx.chat.update({ where: { id: chatId }, data }), entries: [entry] }));
  }

  /** The decrypted credentials, for the Facebook channel (webhook checks, Send API). */
  async credentials(chatId: number): Promise<FacebookCredentials | null> {
    const chat = await this.prisma.chat.findUnique({ where: { id: chatId } });
    if (!chat?.fbPageId || !chat.fbPageTokenEnc || !chat.fbAppSecretEnc || !chat.fbVerifyToken) return null;
    return {
      pageId: chat.fbPageId,
      pageAccessToken: this.box.decrypt(chat.fbPageTokenEnc, TOKEN_AAD(chatId)),
      appSecret: this.box.decrypt(chat.fbAppSecretEnc, APP_SECRET_AAD(chatId)),
      verifyToken: chat.fbVerifyToken,
    };
  }
}
