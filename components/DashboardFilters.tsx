// The dashboard's filter bar: period (from / to dates), chat and time zone, and a Show button.
import React, { useMemo } from 'react';
import { Button, FormGroup, Input, Label, Select } from '@adminjs/design-system';
import Card from './Card.js';

export interface DashboardFilterValues { from: string; to: string; chat: string; tz: string }
export interface DashboardChatOption { id: number; name: string }

interface Props {
  values: DashboardFilterValues;
  chats: DashboardChatOption[];
  loading: boolean;
  t: (key: string) => string;
  onChange: (values: DashboardFilterValues) => void;
  onSubmit: () => void;
}

interface Option { value: string; label: string }

/** The zones the browser knows (Intl), UTC first; the current one is kept even if not listed. */
function timeZoneOptions(current: string): Option[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = new Set(['UTC', ...(intl.supportedValuesOf?.('timeZone') ?? []), current]);
  return [...zones].map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

// the same height as the design system's Select, so that the labels line up
const CONTROL_HEIGHT = { height: 34 } as const;
const DATE_FIELD = { mb: 0, style: { flex: '0 0 170px', width: 170 } } as const;
const SELECT_FIELD = { mb: 0, style: { flex: '1 1 220px', minWidth: 220, maxWidth: 340 } } as const;

const DashboardFilters: React.FC<Props> = ({ values, chats, loading, t, onChange, onSubmit }) => {
  const chatOptions = useMemo<Option[]>(
    () => [{ value: '', label: t('allChats') }, ...chats.map((chat) => ({ value: String(chat.id), label: chat.name }))],
    [chats, t],
  );
  const zones = useMemo(() => timeZoneOptions(values.tz), [values.tz]);
  const set = (patch: Partial<DashboardFilterValues>) => onChange({ ...values, ...patch });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form onSubmit={submit} data-testid="dashboard-filters">
      <Card flex flexDirection="row" flexWrap="wrap" alignItems="flex-end" style={{ gap: 16 }} mb="xl">
        <FormGroup {...DATE_FIELD}>
          <Label htmlFor="dashboard-from">{t('from')}</Label>
          <Input id="dashboard-from" name="from" type="date" style={CONTROL_HEIGHT} value={values.from} max={values.to || undefined} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ from: e.target.value })} />
        </FormGroup>
        <FormGroup {...DATE_FIELD}>
          <Label htmlFor="dashboard-to">{t('to')}</Label>
          <Input id="dashboard-to" name="to" type="date" style={CONTROL_HEIGHT} value={values.to} min={values.from || undefined} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ to: e.target.value })} />
        </FormGroup>
        <FormGroup {...SELECT_FIELD}>
          <Label>{t('chat')}</Label>
          <Select
            inputId="dashboard-chat"
            isClearable={false}
            value={chatOptions.find((option) => option.value === values.chat) ?? chatOptions[0]}
            options={chatOptions}
            onChange={(option: Option | null) => set({ chat: option?.value ?? '' })}
          />
        </FormGroup>
        <FormGroup {...SELECT_FIELD}>
          <Label>{t('timeZone')}</Label>
          <Select
            inputId="dashboard-tz"
            isClearable={false}
            value={zones.find((option) => option.value === values.tz)}
            options={zones}
            onChange={(option: Option | null) => set({ tz: option?.value ?? 'UTC' })}
          />
        </FormGroup>
        <Button type="submit" variant="contained" disabled={loading} style={CONTROL_HEIGHT} data-testid="dashboard-show">{t('show')}</Button>
      </Card>
    </form>
  );
};

export default DashboardFilters;
