// One drill-down list (R-KPI-*: "every figure explainable down to the messages that made
// it"): the items of the chosen kind, with their times and outcomes.
import type { DrilldownReport } from '../gen/kefu/v1/api_pb';
import { formatTime, shortDuration } from '../lib/format';
import { t, type TextKey } from '../lib/i18n';
import { yuan } from '../lib/orders';
import type { DrillList } from './figure-columns';

type Cell = string | number | bigint | boolean;

const time = (ms: bigint) => (ms ? formatTime(ms) : '—');
const wait = (ms: bigint) => (ms ? shortDuration(Number(ms)) : '—');

/** Each list as rows of [column label → value]. */
function rows(d: DrilldownReport, list: DrillList): { head: TextKey[]; rows: Cell[][] } {
  switch (list) {
    case 'receptions':
      return {
        head: ['supConversation', 'buyer', 'agent', 'supKind', 'supAt', 'supQueueWait', 'firstResponse', 'supInWindow'],
        rows: d.receptions.map((r) => [r.conversationId, r.buyerId, r.agentId, r.kind, time(r.atMs), wait(r.queueWaitMs), r.firstResponseOutcome ? `${r.firstResponseOutcome} ${wait(r.firstResponseMs)}` : '—', r.inWindow]),
      };
    case 'transfers':
      return {
        head: ['supConversation', 'buyer', 'supFrom', 'supTo', 'supAt'],
        rows: d.transfers.map((r) => [r.conversationId, r.buyerId, r.fromAgentId, r.toAgentId || r.toGroupId, time(r.atMs)]),
      };
    case 'rounds':
      return {
        head: ['supConversation', 'buyer', 'agent', 'supAt', 'supOutcome', 'supWait', 'supRepliedBy', 'supInWindow'],
        rows: d.rounds.map((r) => [r.conversationId, r.buyerId, r.agentId, time(r.startedAtMs), r.outcome, wait(r.waitMs), r.repliedBy, r.inWindow]),
      };
    case 'shopFirstResponses':
      return {
        head: ['supConversation', 'buyer', 'agent', 'supAt', 'supOutcome', 'supWait', 'supQueueWait'],
        rows: d.shopFirstResponses.map((r) => [r.conversationId, r.buyerId, r.agentId, time(r.startedAtMs), r.outcome, wait(r.waitMs), wait(r.queueWaitMs)]),
      };
    case 'buyerDays':
      return {
        head: ['supDay', 'buyer', 'supOutcome', 'supWait', 'supConversation'],
        rows: d.buyerDays.map((r) => [r.day, r.buyerId, r.status, wait(r.longestWaitMs), r.conversationIds.join(' ')]),
      };
    case 'inquiries':
      return {
        head: ['supDay', 'buyer', 'agent', 'supConversation', 'supSales'],
        rows: d.inquiries.map((r) => [r.day, r.buyerId, r.agentId, r.conversationIds.join(' '), r.orders.map((o) => `${o.orderId} ${yuan(o.amountFen)}`).join(', ') || '—']),
      };
    case 'ratings':
      return {
        head: ['supConversation', 'buyer', 'agent', 'supScore', 'supComment', 'supAt'],
        rows: d.ratings.map((r) => [r.conversationId, r.buyerId, r.agentId, r.score, r.comment, time(r.atMs)]),
      };
    case 'ends':
      return {
        head: ['supConversation', 'agent', 'supEndedBy', 'supAt'],
        rows: d.ends.map((r) => [r.conversationId, r.agentId, r.by, time(r.atMs)]),
      };
  }
}

const show = (c: Cell) => (typeof c === 'boolean' ? (c ? '✓' : '—') : String(c));

export function DrilldownList({ report, list, title, onClose }: { report: DrilldownReport; list: DrillList; title: string; onClose: () => void }) {
  const { head, rows: body } = rows(report, list);
  return (
    <section class="panel drilldown" data-testid="drilldown" data-list={list} data-count={body.length}>
      <h2>
        {title} <span class="count">{body.length}</span>
        <span class="spacer" />
        <button type="button" class="link-button" onClick={onClose}>
          {t('close')}
        </button>
      </h2>
      {list === 'receptions' && body.length > 0 && (
        // R-KPI-5: the list also holds the transfers in (counted apart) and the conversations whose
        // first response falls in the period; say so, or the count and the figure seem to disagree.
        <p class="muted" data-testid="drilldown-hint">
          {t('supReceptionsHint', { assigned: report.receptions.filter((r) => r.kind === 'assigned').length })}
        </p>
      )}
      {body.length === 0 ? (
        <p class="empty">{t('supNothing')}</p>
      ) : (
        <div class="scroll">
          <table class="grid">
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h}>{t(h)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {body.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{show(c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

