// The figures a report shows (R-KPI-*), each with how it reads and which drill-down list
// explains it (GET figures/drilldown: the receptions, rounds, buyer-days... behind it).
import type { FiguresReport } from '../gen/kefu/v1/kpi_pb';
import { percent, seconds } from '../lib/figures-format';
import type { TextKey } from '../lib/i18n';
import { yuan } from '../lib/orders';

export type DrillList = 'receptions' | 'transfers' | 'rounds' | 'shopFirstResponses' | 'buyerDays' | 'inquiries' | 'ratings' | 'ends';

export interface FigureColumn {
  id: string;
  label: TextKey;
  value: (r: FiguresReport) => string;
  drill: DrillList;
}

export const figureColumns: FigureColumn[] = [
  { id: 'receptions', label: 'receptions', value: (r) => String(r.receptions), drill: 'receptions' },
  { id: 'transfersIn', label: 'supTransfersIn', value: (r) => String(r.transfersIn), drill: 'transfers' },
  { id: 'transfersOut', label: 'supTransfersOut', value: (r) => String(r.transfersOut), drill: 'transfers' },
  { id: 'firstResponseAgent', label: 'firstResponse', value: (r) => seconds(r.firstResponseAgent), drill: 'receptions' },
  { id: 'firstResponseShop', label: 'supFirstResponseShop', value: (r) => seconds(r.firstResponseShop), drill: 'shopFirstResponses' },
  { id: 'response', label: 'averageResponse', value: (r) => seconds(r.response), drill: 'rounds' },
  { id: 'fast', label: 'supWithinFast', value: (r) => percent(r.answeredWithinFast), drill: 'rounds' },
  { id: 'slow', label: 'supWithinSlow', value: (r) => percent(r.answeredWithinSlow), drill: 'rounds' },
  { id: 'replyRate', label: 'replyRate', value: (r) => percent(r.replyRate), drill: 'buyerDays' },
  { id: 'satisfaction', label: 'supSatisfaction', value: (r) => percent(r.satisfaction), drill: 'ratings' },
  { id: 'conversion', label: 'supConversion', value: (r) => percent(r.conversionFinal), drill: 'inquiries' },
  { id: 'sales', label: 'supSales', value: (r) => yuan(r.creditedSalesFen), drill: 'inquiries' },
  { id: 'aov', label: 'supAov', value: (r) => yuan(r.averageOrderValueFen), drill: 'inquiries' },
  { id: 'complaints', label: 'supComplaints', value: (r) => `${r.validComplaints}/${r.complaints}`, drill: 'ratings' },
  { id: 'endedByAgent', label: 'supEndedByAgent', value: (r) => String(r.endedByAgent), drill: 'ends' },
];
