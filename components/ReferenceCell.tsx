// A list cell for a reference (chat, client, operator): the referenced record's title as a link,
// wrapping between words only (AdminJS' table cells break inside words in narrow columns).
import React from 'react';
import { Box } from '@adminjs/design-system';
import { ViewHelpers, type BasePropertyProps } from 'adminjs';

const viewHelpers = new ViewHelpers();

const ReferenceCell: React.FC<BasePropertyProps> = ({ property, record }) => {
  const referenced = record?.populated?.[property.path];
  const id = record?.params?.[property.path];
  if (id === undefined || id === null || id === '') return <Box as="span" color="grey60">—</Box>;
  const title = referenced?.title ?? String(id);
  const style = { wordBreak: 'normal' as const, overflowWrap: 'normal' as const };
  if (!property.reference) return <span style={style}>{title}</span>;
  const href = viewHelpers.recordActionUrl({ resourceId: property.reference, recordId: String(id), actionName: 'show' });
  return <a href={href} style={style} onClick={(event) => event.stopPropagation()}>{title}</a>;
};

export default ReferenceCell;
