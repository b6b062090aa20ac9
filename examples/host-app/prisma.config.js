// Prisma CLI configuration: the schema is the folder (host.prisma + the copied chats.prisma).
import { defineConfig } from 'prisma/config';

export default defineConfig({ schema: 'prisma/schema' });
