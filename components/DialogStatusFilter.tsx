// The dialogue status filter with the four options of the manual; the first one,
// "Active and closed dialogs", is no filter at all.
import React from 'react';
import { FormGroup, Label, Select } from '@adminjs/design-system';
import { useTranslation, type FilterPropertyProps } from 'adminjs';

const VALUES = ['', 'active', 'closed', 'no_operator_response'];

const DialogStatusFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange, resource }) => {
  const { tl, translateProperty } = useTranslation();
  const options = VALUES.map((value) => ({ value, label: tl(`status.${value || 'all'}`, resource.id) }));
  const current = String(filter?.[property.path] ?? '');
  const selected = options.find((option) => option.value === current) ?? options[0];
  return (
    <FormGroup variant="filter">
      <Label>{translateProperty(property.label, resource.id)}</Label>
      <Select
        variant="filter"
        value={selected}
        options={options}
        isClearable={false}
        onChange={(option: { value: string } | null) => onChange(property.path, option?.value ?? '')}
      />
    </FormGroup>
  );
};

export default DialogStatusFilter;
