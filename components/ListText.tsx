// A list cell for short text, dates and enum values that never breaks inside a word (AdminJS table
// cells allow it, which turns "Flower shop" into "Flo/wer/sho/p" in a narrow column); dates stay
// on one line. An empty value shows a muted dash. Property `custom` options: `noWrap: true` keeps
// the text on one line; `lines: n` cuts long text (a message) after n lines, whole text on hover.
import React from 'react';
import { Badge, Box, formatDateProperty } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

const DATE_TYPES = ['datetime', 'date'];

const EmptyValue: React.FC = () => <Box as="span" color="grey60">—</Box>;

function clamp(lines: number): React.CSSProperties {
  return { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: lines, overflow: 'hidden', overflowWrap: 'anywhere' };
}

const ListText: React.FC<BasePropertyProps> = ({ property, record, resource }) => {
  const { tl } = useTranslation();
  const raw = record?.params?.[property.path];
  if (raw === undefined || raw === null || raw === '') return <EmptyValue />;
  const style: React.CSSProperties = { wordBreak: 'normal', overflowWrap: 'normal', whiteSpace: property.custom?.noWrap ? 'nowrap' : undefined };
  if (DATE_TYPES.includes(property.type)) {
    const date = new Date(String(raw));
    return <span style={{ ...style, whiteSpace: 'nowrap' }}>{Number.isNaN(date.getTime()) ? String(raw) : formatDateProperty(date, property.type as 'date' | 'datetime')}</span>;
  }
  // eslint-disable-next-line eqeqeq
  const option = property.availableValues?.find((candidate) => candidate.value == raw);
  if (option) {
    const label = option.label || String(raw);
    return <Badge style={style}>{tl(`${property.propertyPath}.${label}`, resource.id, { defaultValue: label })}</Badge>;
  }
  const lines = Number(property.custom?.lines);
  if (lines > 0) return <span style={clamp(lines)} title={String(raw)}>{String(raw)}</span>;
  return <span style={style}>{String(raw)}</span>;
};

export default ListText;
