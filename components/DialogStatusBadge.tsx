// A dialogue's stored status (Active / Closed) plus a "No operator response" badge when the
// dialogue was transferred and no operator has answered (flag computed on the server).
import React from 'react';
import { Badge, Box, ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

const DialogStatusBadge: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const { tl, translateProperty } = useTranslation();
  const status = String(record?.params?.status ?? '');
  const noResponse = String(record?.params?.noOperatorResponse) === 'true';
  const badges = (
    <Box flex flexDirection="row" style={{ gap: 4, flexWrap: 'wrap' }}>
      <Badge size="sm" variant={status === 'active' ? 'success' : 'default'}>
        {tl(`statusValue.${status}`, resource.id, { defaultValue: status })}
      </Badge>
      {noResponse ? (
        <Badge size="sm" variant="danger" data-testid="no-operator-response">
          {tl('status.no_operator_response', resource.id)}
        </Badge>
      ) : null}
    </Box>
  );
  if (where === 'show') return <ValueGroup label={translateProperty(property.label, resource.id)}>{badges}</ValueGroup>;
  return badges;
};

export default DialogStatusBadge;
