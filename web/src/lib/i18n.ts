// The one string table of the web pages. Simplified Chinese is the default; English is a
// switch, remembered in localStorage so every page opens in the language last chosen.

export type Lang = 'zh' | 'en';

const zh = {
  appName: '客服',
  indexTitle: '客服 · 演示',
  indexIntro: '选择一个页面：',
  buyerPage: '买家聊天（演示）',
  agentPage: '客服工作台',
  buyerTitle: '联系客服',
  agentTitle: '客服工作台',
  connConnecting: '连接中…',
  connOpen: '已连接',
  connReconnecting: '连接断开，正在重连…',
  connClosed: '未连接',
  statusQueued: '排队中，请稍候…',
  statusAssigned: '客服已接入',
  statusEnded: '会话已结束',
  today: '今日',
  receptions: '接待',
  firstResponse: '首响',
  averageResponse: '平响',
  replyRate: '回复率',
  ratingInvite: '请为本次服务评分',
  ratingThanks: '感谢您的评价',
  ratingComment: '说说您的感受（选填）',
  ratingSubmit: '提交评价',
  ratingChange: '修改评价',
  ratingFailed: '评价未能提交，请重试',
  rating1: '很不满意',
  rating2: '不满意',
  rating3: '一般',
  rating4: '满意',
  rating5: '很满意',
  statusStarting: '正在创建会话…',
  endConversation: '结束会话',
  endConversationHint: '买家的问题已解答后再结束（不得随意关闭咨询）',
  queuePosition: '排队中，您前面还有 {ahead} 位',
  queueNext: '排队中，下一位就是您',
  queueWait: '预计等待约 {minutes} 分钟',
  leftMessage: '当前不在服务时间，您的留言已收到，客服上班后会第一时间回复',
  serviceFrom: '客服上班时间：{time}',
  inputPlaceholder: '输入消息，按 Enter 发送',
  send: '发送',
  sending: '发送中…',
  failed: '发送失败',
  you: '我',
  agent: '客服',
  buyer: '买家',
  system: '系统',
  noMessages: '还没有消息',
  login: '登录',
  logout: '退出',
  loginName: '账号',
  password: '密码',
  loginFailed: '账号或密码错误',
  loginError: '登录失败，请稍后再试',
  loggingIn: '登录中…',
  presenceOnline: '在线',
  presenceAway: '离开',
  presenceOffline: '离线',
  conversations: '会话',
  noConversations: '暂无会话',
  selectConversation: '请选择左侧的会话',
  replyPlaceholder: '输入回复，Enter 发送，Shift+Enter 换行',
  order: '订单',
  sessionExpired: '登录已过期，请重新登录',
  error: '出错了',
  language: 'English',
} as const;

export type TextKey = keyof typeof zh;

const en: Record<TextKey, string> = {
  appName: 'Kefu',
  indexTitle: 'Kefu · Demo',
  indexIntro: 'Pick a page:',
  buyerPage: 'Buyer chat (demo)',
  agentPage: 'Agent console',
  buyerTitle: 'Chat with us',
  agentTitle: 'Agent console',
  connConnecting: 'Connecting…',
  connOpen: 'Connected',
  connReconnecting: 'Connection lost, reconnecting…',
  connClosed: 'Not connected',
  statusQueued: 'Queued, an agent will be with you shortly…',
  queuePosition: 'In the queue: {ahead} ahead of you',
  endConversation: 'End chat',
  endConversationHint: "End only once the buyer's question is answered",
  queueNext: 'In the queue: you are next',
  queueWait: 'Estimated wait: about {minutes} min',
  leftMessage: 'We are outside service hours. Your message is saved and an agent will answer it first thing',
  serviceFrom: 'Agents are back at {time}',
  statusAssigned: 'An agent has joined',
  statusEnded: 'The conversation has ended',
  today: 'Today',
  receptions: 'chats',
  firstResponse: 'first reply',
  averageResponse: 'avg reply',
  replyRate: 'reply rate',
  ratingInvite: 'How was our service?',
  ratingThanks: 'Thank you for your rating',
  ratingComment: 'Anything to add (optional)',
  ratingSubmit: 'Rate',
  ratingChange: 'Change rating',
  ratingFailed: 'The rating was not sent, please try again',
  rating1: 'Very dissatisfied',
  rating2: 'Dissatisfied',
  rating3: 'Neutral',
  rating4: 'Satisfied',
  rating5: 'Very satisfied',
  statusStarting: 'Starting the conversation…',
  inputPlaceholder: 'Type a message, Enter to send',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent',
  you: 'Me',
  agent: 'Agent',
  buyer: 'Buyer',
  system: 'System',
  noMessages: 'No messages yet',
  login: 'Log in',
  logout: 'Log out',
  loginName: 'Login',
  password: 'Password',
  loginFailed: 'Wrong login or password',
  loginError: 'Login failed, try again later',
  loggingIn: 'Logging in…',
  presenceOnline: 'Online',
  presenceAway: 'Away',
  presenceOffline: 'Offline',
  conversations: 'Conversations',
  noConversations: 'No conversations',
  selectConversation: 'Pick a conversation on the left',
  replyPlaceholder: 'Type a reply, Enter to send, Shift+Enter for a new line',
  order: 'Order',
  sessionExpired: 'Your session expired, please log in again',
  error: 'Error',
  language: '中文',
};

const tables: Record<Lang, Record<TextKey, string>> = { zh, en };
const storageKey = 'kefu.lang';

function readLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = readLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

/** The text for key; {name} placeholders are filled from vars. */
export function t(key: TextKey, vars?: Record<string, string | number>): string {
  const text = tables[current][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}

export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies the remembered language to <html lang> and to elements marked data-text="key". */
export function applyStaticTexts(): void {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll<HTMLElement>('[data-text]').forEach((el) => {
    const key = el.dataset.text as TextKey;
    if (key in zh) el.textContent = t(key);
  });
}
