// A list cell for a long identifier (a dialogue's session id): its first characters on one line,
// the whole id on hover, so the list stays readable. The show page has the full id to copy.
import React from 'react';
import type { BasePropertyProps } from 'adminjs';

const VISIBLE = 8;

const ShortIdCell: React.FC<BasePropertyProps> = ({ property, record }) => {
  const id = String(record?.params?.[property.path] ?? '');
  return (
    <span title={id} style={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }}>
      {id.length > VISIBLE ? `${id.slice(0, VISIBLE)}…` : id}
    </span>
  );
};

export default ShortIdCell;
