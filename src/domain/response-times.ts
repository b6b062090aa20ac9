// Operator response times of one dialogue (PRODUCT.md, "Reports"): "from a client message (or
// from the transfer, for the first one) to the next operator message in that dialogue. First
// response time: from the transfer to the first operator message."
//
// This is the readable reference; the reports compute the same thing in SQL with window functions
// (src/reports/sql/response-times.sql.ts) and the tests hold the two to the same hand-made cases.
//
// Rules (decisions where PRODUCT.md is silent):
// - Only messages at or after the transfer count (same instant included). Messages are taken in
//   time order; equal times keep their stored order (the SQL breaks ties by message id).
// - Bot and system messages neither start nor end a wait.
// - A wait starts at the transfer (it gives the first response, even if the client wrote in
//   between) or, after an operator message, at the first client message that follows it. The
//   operator message that ends a wait is a response; its time minus the wait's start is the
//   response time. Further operator messages before the client writes again are not responses.
// - A client message never answered gives no response time. A transferred dialogue with no
//   operator message after the transfer is "left without response".
// - Without a transfer (an operator joined on their own) there is no first response time and the
//   first operator message starts the operator's part: client messages before it (answered by the
//   bot) are not waits; later ones are, as above.
// - Times are seconds (milliseconds kept as decimals: the columns store milliseconds).
export type TimelineAuthor = 'client' | 'bot' | 'operator' | 'system';

export interface TimelineMessage { authorType: TimelineAuthor; sentAt: Date }

export interface ResponseTimes {
  /** Transfer → first operator message at or after it, in seconds; null if none (or no transfer). */
  first: number | null;
  /** Every response time in seconds, in order; includes the first response. */
  responses: number[];
}

export function responseTimes(transferredAt: Date | null, messages: TimelineMessage[]): ResponseTimes {
  const start = transferredAt?.getTime() ?? null;
  const timeline = messages
    .map((message, index) => ({ author: message.authorType, at: message.sentAt.getTime(), index }))
    .filter((m) => (m.author === 'client' || m.author === 'operator') && (start === null || m.at >= start))
    .sort((a, b) => a.at - b.at || a.index - b.index);

  let waitingSince = start;
  let operatorSeen = false;
  let first: number | null = null;
  const responses: number[] = [];
  for (const message of timeline) {
    if (message.author === 'client') {
      // the first unanswered client message starts a wait, once the operator's part has begun
      if (waitingSince === null && operatorSeen) waitingSince = message.at;
      continue;
    }
    if (waitingSince !== null) {
      const seconds = (message.at - waitingSince) / 1000;
      responses.push(seconds);
      if (!operatorSeen) first = seconds;
    }
    waitingSince = null;
    operatorSeen = true;
  }
  return { first, responses };
}

/** Transferred to operators, and no operator message at or after the transfer. */
export function isLeftWithoutResponse(transferredAt: Date | null, messages: TimelineMessage[]): boolean {
  return transferredAt !== null
    && !messages.some((m) => m.authorType === 'operator' && m.sentAt.getTime() >= transferredAt.getTime());
}
