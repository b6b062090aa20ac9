import { fieldChanges, MAX_RECORDED_VALUE } from '../../src/domain/audit-changes.js';

describe('the fields an audit entry names', () => {
  it('names changed fields with from → to, and leaves unchanged ones out', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(fieldChanges({ name: 'A', price: '1', origins: ['x'], at }, { name: 'B', price: '1', origins: ['x'], at: new Date(at) })).toEqual({
      fields: ['name'], values: { name: { from: 'A', to: 'B' } },
    });
  });

  it('names a secret field without its values, under its log name', () => {
    const changes = fieldChanges({ passwordHash: 'scrypt$old', role: 'viewer' }, { passwordHash: 'scrypt$new', role: 'admin' }, { secret: ['passwordHash'], names: { passwordHash: 'password' } });
    expect(changes).toEqual({ fields: ['password', 'role'], values: { role: { from: 'viewer', to: 'admin' } } });
    expect(JSON.stringify(changes)).not.toContain('scrypt');
  });

  it('names long texts and structured values without them, and ignores what it is told to', () => {
    const long = 'x'.repeat(MAX_RECORDED_VALUE + 1);
    expect(fieldChanges({ greeting: 'hi', rules: [], updatedAt: 1 }, { greeting: long, rules: [{ a: 1 }], updatedAt: 2 }, { ignore: ['updatedAt'] })).toEqual({
      fields: ['greeting', 'rules'], values: {},
    });
  });

  it('treats a created record as changed from nothing', () => {
    expect(fieldChanges(null, { name: 'New', greeting: null })).toEqual({ fields: ['name'], values: { name: { from: null, to: 'New' } } });
  });
});
