// A money property shown as "<amount> <currency>" (list and show). The label is prepared on the
// server (`<path>Label`, from the exact decimal) so no floating point arithmetic happens here.
import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';

const MoneyCell: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const { translateProperty } = useTranslation();
  const params = record?.params ?? {};
  const text = String(params[`${property.path}Label`] ?? params[property.path] ?? '');
  if (where === 'show') {
    return <ValueGroup label={translateProperty(property.label, resource.id)}>{text}</ValueGroup>;
  }
  return <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
};

export default MoneyCell;
