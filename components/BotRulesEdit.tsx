// The chat's bot rules: an editable list in the Chat form, a read-only list on Show. The editor
// sends the whole list as one JSON text in `botRules` (flattened form fields would lose booleans
// and empty lists); the server validates it (src/domain/bot-rules.ts) and answers with errors on
// "botRules.<index>.<field>", shown under the fields they concern.
import React, { useEffect, useState } from 'react';
import { Badge, Box, Button, CheckBox, FormGroup, FormMessage, Icon, Input, Label, Text, TextArea, ValueGroup, themeGet } from '@adminjs/design-system';
import { flat, useTranslation, type BasePropertyProps, type RecordJSON } from 'adminjs';
import { styled } from '@adminjs/design-system/styled-components';

interface Rule { pattern: string; kind: 'keyword' | 'regex'; answer: string; markers: string; transfer: boolean }
interface FieldError { message: string; detail?: string }

const EMPTY_RULE: Rule = { pattern: '', kind: 'keyword', answer: '', markers: '', transfer: false };

/** The keyword / regex choice: a native select in the theme's input colours. */
const KindSelect = styled.select`
  padding: 0 8px;
  border: 1px solid ${themeGet('colors', 'inputBorder')};
  border-radius: 2px;
  background: ${themeGet('colors', 'container')};
  color: ${themeGet('colors', 'grey100')};
  font: inherit;
`;

/** The rules in the record: a JSON text once edited here, flattened params as loaded. */
function readRules(record?: RecordJSON): Rule[] {
  let value: unknown = record?.params?.botRules;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      value = [];
    }
  } else {
    value = flat.get(record?.params ?? {}, 'botRules');
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
  return list.map((item) => {
    const raw = (item ?? {}) as Record<string, unknown>;
    const markers = Array.isArray(raw.markers) ? raw.markers.join(', ') : typeof raw.markers === 'string' ? raw.markers : '';
    return {
      pattern: String(raw.pattern ?? ''),
      kind: raw.kind === 'regex' ? 'regex' : 'keyword',
      answer: String(raw.answer ?? ''),
      markers,
      transfer: raw.transfer === true || raw.transfer === 'true',
    };
  });
}

const toJson = (rules: Rule[]): string => JSON.stringify(rules.map((rule) => ({
  pattern: rule.pattern,
  kind: rule.kind,
  answer: rule.answer,
  markers: rule.markers.split(',').map((name) => name.trim()).filter(Boolean),
  transfer: rule.transfer,
})));

const ShowRules: React.FC<{ rules: Rule[]; resourceId: string; label: string }> = ({ rules, resourceId, label }) => {
  const { tm } = useTranslation();
  return (
    <ValueGroup label={label}>
      {rules.length === 0 ? <Text color="grey60">{tm('botRulesEmpty', resourceId)}</Text> : (
        <Box as="ol" style={{ paddingLeft: 20, margin: 0 }} data-testid="bot-rules">
          {rules.map((rule, index) => (
            <li key={index} style={{ marginBottom: 8 }}>
              <Text as="span" fontWeight="bold" style={{ fontFamily: rule.kind === 'regex' ? 'monospace' : undefined }}>{rule.pattern}</Text>
              <Text as="span" color="grey60" fontSize="sm"> ({tm(`ruleKind_${rule.kind}`, resourceId)})</Text>
              {rule.answer ? <Text style={{ whiteSpace: 'pre-wrap' }}>→ {rule.answer}</Text> : null}
              <Box flex style={{ gap: 4, flexWrap: 'wrap' }}>
                {rule.markers.split(',').map((name) => name.trim()).filter(Boolean).map((name) => <Badge key={name} size="sm" outline>{name}</Badge>)}
                {rule.transfer ? <Badge size="sm" variant="primary">{tm('ruleTransfer', resourceId)}</Badge> : null}
              </Box>
            </li>
          ))}
        </Box>
      )}
    </ValueGroup>
  );
};

const BotRulesEdit: React.FC<BasePropertyProps> = ({ property, record, resource, onChange, where }) => {
  const { tm, translateProperty } = useTranslation();
  const [rules, setRules] = useState<Rule[]>(() => readRules(record));
  const recordId = record?.id;
  useEffect(() => setRules(readRules(record)), [recordId]);
  const label = translateProperty(property.label, resource.id);
  if (where !== 'edit' || !onChange) return <ShowRules rules={readRules(record)} resourceId={resource.id} label={label} />;

  const errors = (record?.errors ?? {}) as Record<string, FieldError | undefined>;
  const message = (path: string) => {
    const error = errors[path];
    if (!error) return null;
    const text = tm(error.message, resource.id);
    return <FormMessage>{error.detail ? `${text}: ${error.detail}` : text}</FormMessage>;
  };
  const update = (next: Rule[]) => {
    setRules(next);
    onChange(property.path, toJson(next));
  };
  const change = (index: number, patch: Partial<Rule>) => update(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const move = (index: number) => update(rules.map((rule, i) => (i === index - 1 ? rules[index] : i === index ? rules[index - 1] : rule)));

  return (
    // not one FormGroup: its error styling would paint every rule red
    <Box mb="xl" data-testid="bot-rules-edit">
      <FormGroup error={Boolean(errors[property.path])} mb="default">
        <Label>{label}</Label>
        <Text color="grey60" fontSize="sm">{tm('botRulesHelp', resource.id)}</Text>
        {message(property.path)}
      </FormGroup>
      {rules.map((rule, index) => {
        const id = `botRules-${index}`;
        return (
          <Box key={index} p="lg" mb="lg" borderWidth="1px" borderStyle="solid" borderColor="separator" style={{ borderRadius: 6 }} data-testid="bot-rule">
            <Box flex justifyContent="space-between" alignItems="center" mb="default">
              <Text fontWeight="bold">{tm('ruleNumber', resource.id, { number: index + 1 })}</Text>
              <Box flex style={{ gap: 8 }}>
                {index > 0 ? <Button type="button" size="sm" variant="text" onClick={() => move(index)}><Icon icon="ArrowUp" />{tm('ruleUp', resource.id)}</Button> : null}
                <Button type="button" size="sm" variant="text" color="danger" onClick={() => update(rules.filter((_, i) => i !== index))}>
                  <Icon icon="Trash2" />{tm('ruleRemove', resource.id)}
                </Button>
              </Box>
            </Box>
            {errors[`${property.path}.${index}`] ? <FormGroup error>{message(`${property.path}.${index}`)}</FormGroup> : null}
            <FormGroup error={Boolean(errors[`${property.path}.${index}.pattern`] || errors[`${property.path}.${index}.kind`])}>
              <Label htmlFor={`${id}-pattern`}>{tm('rulePattern', resource.id)}</Label>
              <Box flex style={{ gap: 8 }}>
                <KindSelect
                  aria-label={tm('rulePattern', resource.id)}
                  value={rule.kind}
                  onChange={(event) => change(index, { kind: event.target.value === 'regex' ? 'regex' : 'keyword' })}
                >
                  <option value="keyword">{tm('ruleKind_keyword', resource.id)}</option>
                  <option value="regex">{tm('ruleKind_regex', resource.id)}</option>
                </KindSelect>
                <Input id={`${id}-pattern`} name={`${id}-pattern`} value={rule.pattern} style={{ flexGrow: 1, fontFamily: rule.kind === 'regex' ? 'monospace' : undefined }}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => change(index, { pattern: event.target.value })} />
              </Box>
              {rule.kind === 'regex' ? <Text color="grey60" fontSize="sm" mt="sm" data-testid="regex-syntax">{tm('ruleRegexSyntax', resource.id)}</Text> : null}
              {message(`${property.path}.${index}.pattern`)}
              {message(`${property.path}.${index}.kind`)}
            </FormGroup>
            <FormGroup error={Boolean(errors[`${property.path}.${index}.answer`])}>
              <Label htmlFor={`${id}-answer`}>{tm('ruleAnswer', resource.id)}</Label>
              <TextArea id={`${id}-answer`} name={`${id}-answer`} rows={2} value={rule.answer} style={{ width: '100%' }}
                onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => change(index, { answer: event.target.value })} />
              {message(`${property.path}.${index}.answer`)}
            </FormGroup>
            <FormGroup error={Boolean(errors[`${property.path}.${index}.markers`])}>
              <Label htmlFor={`${id}-markers`}>{tm('ruleMarkers', resource.id)}</Label>
              <Input id={`${id}-markers`} name={`${id}-markers`} value={rule.markers} placeholder="lead, complaint"
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => change(index, { markers: event.target.value })} />
              {message(`${property.path}.${index}.markers`)}
            </FormGroup>
            <FormGroup error={Boolean(errors[`${property.path}.${index}.transfer`])} mb="0">
              <Box flex alignItems="center">
                <CheckBox id={`${id}-transfer`} checked={rule.transfer} onChange={() => change(index, { transfer: !rule.transfer })} />
                <Label inline htmlFor={`${id}-transfer`} ml="default">{tm('ruleTransfer', resource.id)}</Label>
              </Box>
              {message(`${property.path}.${index}.transfer`)}
            </FormGroup>
          </Box>
        );
      })}
      <Button type="button" variant="outlined" size="sm" onClick={() => update([...rules, { ...EMPTY_RULE }])} data-testid="bot-rule-add">
        <Icon icon="Plus" />{tm('ruleAdd', resource.id)}
      </Button>
    </Box>
  );
};

export default BotRulesEdit;
