// A list cell for a long identifier (a dialogue's session id): its first characters on one line,
// cut visually with an ellipsis (the text itself stays whole for search, copy and hover), so the
// list stays readable.
import React from 'react';
import type { BasePropertyProps } from 'adminjs';

const STYLE: React.CSSProperties = {
  display: 'inline-block', maxWidth: '9ch', overflow: 'hidden', textOverflow: 'ellipsis',
  whiteSpace: 'nowrap', verticalAlign: 'bottom', fontFamily: 'monospace',
};

const ShortIdCell: React.FC<BasePropertyProps> = ({ property, record }) => {
  const id = String(record?.params?.[property.path] ?? '');
  return (
    <span title={id} style={STYLE}>{id}</span>
  );
};

export default ShortIdCell;
