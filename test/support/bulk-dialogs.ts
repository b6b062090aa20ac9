// Many dialogues at once for report tests with several instances, straight in SQL.
import type { Database } from '../../src/app/database.js';

/** `count` closed dialogues of one chat, each with a client message, straight in SQL (seconds for 100k). */
export async function bulkDialogs(db: Database, count: number): Promise<number> {
  const chat = await db.prisma.chat.create({ data: { name: `Bulk ${count}`, publicKey: `pk-bulk-${count}-${Date.now()}` } });
  await db.sql.exec(`
    INSERT INTO clients (chat_id, channel, external_id) SELECT ${chat.id}, 'web', 'bulk-' || g FROM generate_series(1, ${count}) g;
    INSERT INTO dialogs (id, chat_id, client_id, channel, status, created_at, closed_at, last_message_at, message_count)
      SELECT gen_random_uuid(), ${chat.id}, c.id, 'web', 'closed', now() - interval '2 hours', now() - interval '1 hour', now() - interval '90 minutes', 1
      FROM clients c WHERE c.chat_id = ${chat.id};
    INSERT INTO messages (dialog_id, author_type, text, sent_at) SELECT d.id, 'client', 'hello ' || d.client_id, d.last_message_at FROM dialogs d WHERE d.chat_id = ${chat.id};`);
  return chat.id;
}
