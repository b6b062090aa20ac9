// A show-page value that reads "—" when the field is empty (no operator yet, no Facebook page, ...)
// instead of a label with nothing under it. Non-empty values keep AdminJS' own rendering.
import React from 'react';
import { Box, ValueGroup } from '@adminjs/design-system';
import { CleanPropertyComponent, useTranslation, type BasePropertyProps } from 'adminjs';

export function isEmptyValue(params: Record<string, unknown> | undefined, path: string): boolean {
  const value = params?.[path];
  if (value !== undefined && value !== null && value !== '') return false;
  // arrays and objects are flattened into "path.0", "path.key", ...
  return !Object.keys(params ?? {}).some((key) => key.startsWith(`${path}.`));
}

const ShowOrDash: React.FC<BasePropertyProps> = (props) => {
  const { property, record, resource, where } = props;
  const { translateProperty } = useTranslation();
  if (where !== 'show' || !isEmptyValue(record?.params, property.path)) return <CleanPropertyComponent {...props} />;
  return (
    <ValueGroup label={translateProperty(property.label, resource.id)}>
      <Box as="span" color="grey60">—</Box>
    </ValueGroup>
  );
};

export default ShowOrDash;
