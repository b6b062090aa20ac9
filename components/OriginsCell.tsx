// A chat's allowed site origins (list and show). AdminJS shows an array in a list as "Length: 1";
// here the list shows the first two origins and "+N", the show page all of them.
import React from 'react';
import { Box, ValueGroup } from '@adminjs/design-system';
import { flat, useTranslation, type BasePropertyProps } from 'adminjs';

const LIST_LIMIT = 2;

const line: React.CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 260 };

const OriginsCell: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const { translateProperty, tl } = useTranslation();
  const value = flat.get(record?.params ?? {}, property.path) as unknown;
  const origins = (Array.isArray(value) ? value : []).map(String).filter(Boolean);
  const empty = <Box as="span" color="grey60">—</Box>;

  if (where === 'show') {
    return (
      <ValueGroup label={translateProperty(property.label, resource.id)}>
        {origins.length ? (
          <Box as="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="chat-origins">
            {origins.map((origin) => <li key={origin} style={{ overflowWrap: 'anywhere' }}>{origin}</li>)}
          </Box>
        ) : empty}
      </ValueGroup>
    );
  }

  if (!origins.length) return empty;
  const hidden = origins.length - LIST_LIMIT;
  return (
    <Box data-testid="chat-origins" title={origins.join('\n')}>
      {origins.slice(0, LIST_LIMIT).map((origin) => <div key={origin} style={line}>{origin}</div>)}
      {hidden > 0 ? (
        <Box color="grey60" fontSize="sm">{tl('moreOrigins', resource.id, { count: hidden })}</Box>
      ) : null}
    </Box>
  );
};

export default OriginsCell;
