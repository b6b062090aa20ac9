// The Chat list's "Prices" column: the price of a paid message per channel with the chat's
// currency ("0.05 USD"). The labels are made on the server from the exact decimals
// (src/admin/money-labels.ts), so no floating point arithmetic happens here.
import React from 'react';
import { Box } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

const CHANNELS = [
  { channel: 'web', path: 'priceWeb' },
  { channel: 'facebook', path: 'priceFacebook' },
] as const;

const ChatPrices: React.FC<BasePropertyProps> = ({ record, resource }) => {
  const { tl } = useTranslation();
  const params = record?.params ?? {};
  return (
    <span style={{ display: 'inline-grid', gridTemplateColumns: 'auto auto', columnGap: 12, rowGap: 2, whiteSpace: 'nowrap' }}>
      {CHANNELS.map(({ channel, path }) => (
        <React.Fragment key={channel}>
          <Box as="span" color="grey60">{tl(`priceChannel.${channel}`, resource.id)}</Box>
          <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-testid={`chat-price-${channel}`}>
            {String(params[`${path}Label`] ?? params[path] ?? '')}
          </span>
        </React.Fragment>
      ))}
    </span>
  );
};

export default ChatPrices;
