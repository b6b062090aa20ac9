// Show dialog: the dialogue's properties, markers, pages visited and a Copy link button, then the
// messages in time order, loaded a page at a time from the hidden `messagesPage` action (keyset
// paging), so a dialogue of thousands of messages opens as fast as a short one. New messages and
// status changes arrive live (an EventSource on <rootPath>/chats-live/dialogs/:id/events); the
// operator panel (OperatorAction.tsx) takes, answers and closes the dialogue.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Box, Button, H5, Icon, Loader, MessageBox, Text, ValueGroup } from '@adminjs/design-system';
import { ApiClient, BasePropertyComponent, flat, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { OperatorPanel, type OperatorActionName } from './OperatorAction.js';
import { isEmptyValue } from './ShowOrDash.js';
import { useThemeColors } from './theme.js';

interface MessageLine { id: number; authorType: string; authorName: string | null; text: string; sentAt: string; deliveryStatus?: string | null; deliveryError?: string | null }
interface PageVisit { url: string; title: string; visitedAt: string }
interface PageResponse { messages?: MessageLine[]; nextCursor?: string | null; notice?: { message: string; type?: string } }

const api = new ApiClient();
const PAGE_SIZE = 100;

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // navigator.clipboard needs a secure context (https or localhost); plain http falls back here
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    document.body.removeChild(area);
    return copied;
  }
}

const formatTime = (iso: string, language: string): string => new Date(iso).toLocaleString(language);

/** `mine`: the dialogue's operator is the signed-in user (decided by the server). */
interface LiveStatus { status: 'active' | 'closed'; waitingForOperator: boolean; operatorId?: number | null; mine?: boolean }

/** Loaded pages plus live messages, without repeats, in (sentAt, id) order. */
function mergeMessages(loaded: MessageLine[], live: MessageLine[]): MessageLine[] {
  const seen = new Set(loaded.map((message) => message.id));
  const extra = live.filter((message) => !seen.has(message.id));
  if (extra.length === 0) return loaded;
  return [...loaded, ...extra].sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id - b.id);
}

/** Follows the dialogue live; EventSource reconnects by itself and the server replays what was missed. */
function useLiveDialog(recordId: string, onMessage: (message: MessageLine) => void, onStatus: (status: LiveStatus) => void): void {
  const handlers = useRef({ onMessage, onStatus });
  handlers.current = { onMessage, onStatus };
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`${ApiClient.getBaseUrl()}/chats-live/dialogs/${encodeURIComponent(recordId)}/events`);
    source.addEventListener('message', (event) => handlers.current.onMessage(JSON.parse((event as MessageEvent).data)));
    source.addEventListener('status', (event) => handlers.current.onStatus(JSON.parse((event as MessageEvent).data)));
    return () => source.close();
  }, [recordId]);
}

const Messages: React.FC<{ resourceId: string; recordId: string; total: number; live: MessageLine[] }> = ({ resourceId, recordId, total, live }) => {
  const colors = useThemeColors();
  const { tl, tb, i18n } = useTranslation();
  const [messages, setMessages] = useState<MessageLine[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined); // undefined: nothing loaded yet
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  const loadMore = useCallback(async () => {
    if (loading || cursor === null) return;
    setLoading(true);
    try {
      const response = await api.recordAction({
        resourceId, recordId, actionName: 'chatsMessagesPage', params: { limit: PAGE_SIZE, ...(cursor ? { after: cursor } : {}) },
      });
      const data = response.data as PageResponse;
      if (data.notice?.type === 'error') throw new Error(data.notice.message);
      setMessages((previous) => [...previous, ...(data.messages ?? [])]);
      setCursor(data.nextCursor ?? null);
      setError(null);
    } catch (failure) {
      // a refusal (4xx) carries its notice; anything else shows the request's own error
      const body = (failure as { response?: { data?: PageResponse } }).response?.data;
      setError(body?.notice?.message ?? (failure as Error).message);
    } finally {
      setLoading(false);
    }
  }, [resourceId, recordId, cursor, loading]);

  useEffect(() => { if (cursor === undefined) void loadMore(); }, [cursor, loadMore]);

  // Loads the next page when the end of the list scrolls into view.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === 'undefined' || !cursor) return undefined;
    const observer = new IntersectionObserver((entries) => { if (entries.some((entry) => entry.isIntersecting)) void loadMore(); });
    observer.observe(element);
    return () => observer.disconnect();
  }, [cursor, loadMore]);

  // live messages join once every older page is loaded; before that, paging brings them
  const shown = cursor === null ? mergeMessages(messages, live) : messages;
  const count = Math.max(total, shown.length);

  return (
    <Box data-testid="dialog-messages">
      <H5 mt="xl">{tl('messagesHeader', resourceId)} ({count})</H5>
      {shown.length === 0 && cursor === null ? <Text color="grey60">{tl('noMessages', resourceId)}</Text> : null}
      {shown.map((message) => (
        <Box key={message.id} py="default" style={{ borderBottom: `1px solid ${colors.border}` }} data-testid="dialog-message">
          <Box flex flexDirection="row" alignItems="center" style={{ gap: 8 }}>
            <Badge size="sm" variant={message.authorType === 'client' ? 'primary' : message.authorType === 'operator' ? 'success' : 'default'}>
              {tl(`authorType.${message.authorType}`, 'Message', { defaultValue: message.authorType })}
            </Badge>
            {message.authorName ? <Text fontWeight="bold">{message.authorName}</Text> : null}
            <Text color="grey60" fontSize="sm">{formatTime(message.sentAt, i18n.language)}</Text>
            {message.deliveryStatus ? (
              <Badge size="sm" outline variant={message.deliveryStatus === 'failed' ? 'danger' : 'default'} title={message.deliveryError ?? undefined} data-testid="delivery-status">
                {tl(`deliveryStatus.${message.deliveryStatus}`, 'Message', { defaultValue: message.deliveryStatus })}
              </Badge>
            ) : null}
          </Box>
          <Text mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.text}</Text>
        </Box>
      ))}
      {error ? <MessageBox my="lg" variant="danger" message={error} /> : null}
      <div ref={sentinel} />
      {loading ? <Loader /> : null}
      {!loading && cursor ? (
        <Button mt="lg" variant="outlined" onClick={() => void loadMore()}>
          {tb('loadMoreMessages', resourceId)} ({messages.length} / {count})
        </Button>
      ) : null}
    </Box>
  );
};

const OPERATOR_ACTIONS: OperatorActionName[] = ['chatsReply', 'chatsTake', 'chatsClose'];

const DialogShow: React.FC<ActionProps> = ({ resource, record }) => {
  const { tl, tb, tp, tm, i18n } = useTranslation();
  const sendNotice = useNotice();
  const [live, setLive] = useState<MessageLine[]>([]);
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const recordId = String(record?.id ?? '');
  const addLive = useCallback((message: MessageLine) => setLive((previous) => (previous.some((m) => m.id === message.id) ? previous : [...previous, message])), []);
  useLiveDialog(recordId, addLive, setStatus);
  const allowed = useMemo(() => {
    const names = new Set((record?.recordActions ?? []).map((action) => action.name));
    return OPERATOR_ACTIONS.filter((name) => names.has(name));
  }, [record]);
  if (!record) return null;
  // the record as loaded, updated by live status events (the badge reads these params)
  const params = status ? {
    ...record.params,
    status: status.status,
    ...(status.status === 'active' ? { noOperatorResponse: status.waitingForOperator } : {}),
  } : record.params;
  const shownRecord = status ? { ...record, params } : record;
  const operatorActions = params.status !== 'active' ? [] : allowed.filter((name) => (
    name !== 'chatsTake' || !status?.mine
  ));
  const markers = (flat.get(params, 'markerNames') ?? []) as string[];
  const visits = (flat.get(params, 'pageVisits') ?? []) as PageVisit[];

  const copyLink = async () => {
    const link = new URL(String(params.link ?? window.location.pathname), window.location.origin).href;
    const copied = await copyText(link);
    sendNotice(copied
      ? { message: 'linkCopied', resourceId: resource.id }
      : { message: 'linkNotCopied', resourceId: resource.id, type: 'error', options: { link } });
  };

  return (
    <Box variant="container" data-testid="dialog-show">
      <Box flex justifyContent="flex-end" mb="lg">
        <Button variant="outlined" size="sm" onClick={() => void copyLink()} data-testid="copy-link">
          <Icon icon="Link" />
          {tb('copyLink', resource.id)}
        </Button>
      </Box>
      {params.contentRemovedAt ? (
        // retention or an erasure took its texts, visits and markers; the billing facts stay
        <MessageBox variant="info" mb="lg" data-testid="content-removed" message={tm('contentRemoved', resource.id, {
          date: new Date(String(params.contentRemovedAt)).toLocaleDateString(i18n.language),
          reason: tm(`contentRemovedReason.${String(params.contentRemovedReason ?? 'erasure')}`, resource.id),
        })} />
      ) : null}
      {resource.showProperties.map((property) => (isEmptyValue(shownRecord.params, property.propertyPath)
        ? <ValueGroup key={property.propertyPath} label={tp(property.label, resource.id)}>—</ValueGroup>
        : <BasePropertyComponent key={property.propertyPath} where="show" property={property} resource={resource} record={shownRecord} />
      ))}
      <ValueGroup label={tl('markerNames', resource.id)}>
        {markers.length ? markers.map((name) => <Badge key={name} mr="sm" outline>{name}</Badge>) : '—'}
      </ValueGroup>
      <ValueGroup label={tl('pagesVisited', resource.id)}>
        {visits.length ? (
          <Box as="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {visits.map((visit, index) => (
              <li key={`${visit.visitedAt}-${index}`}>
                <Text as="span" color="grey60" fontSize="sm" mr="default">{new Date(visit.visitedAt).toLocaleString()}</Text>
                {/* the URL comes from the client's browser: only http(s) becomes a link (no javascript:) */}
                {/^https?:\/\//i.test(visit.url)
                  ? <a href={visit.url} target="_blank" rel="noopener noreferrer">{visit.title || visit.url}</a>
                  : <Text as="span">{visit.title || visit.url}</Text>}
              </li>
            ))}
          </Box>
        ) : '—'}
      </ValueGroup>
      <Messages resourceId={resource.id} recordId={recordId} total={Number(params.messageCount ?? 0)} live={live} />
      <OperatorPanel resourceId={resource.id} recordId={recordId} actions={operatorActions} onSent={addLive} />
    </Box>
  );
};

export default DialogShow;
