// Text search goes through LIKE/ILIKE both in our SQL and in Prisma's `contains`, which does not
// escape wildcards: "%" or "_" typed by a user must match literally.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
