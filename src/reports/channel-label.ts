// How a channel is written in the reports (the same words as the dialogue list).
const CHANNEL_LABELS: Record<string, string> = { web: 'Web', facebook: 'Facebook' };

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}
