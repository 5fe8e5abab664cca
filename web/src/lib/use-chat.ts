// Re-renders a Preact component whenever the chat client or the language changes.
import { useEffect, useState } from 'preact/hooks';
import type { ChatClient } from './chat-client';
import { onLangChange } from './i18n';

export function useChat(client: ChatClient | null): void {
  const [, setVersion] = useState(0);
  const bump = () => setVersion((n) => n + 1);
  useEffect(() => (client ? client.subscribe(bump) : undefined), [client]);
  useLang();
}

export function useLang(): void {
  const [, setVersion] = useState(0);
  const bump = () => setVersion((n) => n + 1);
  useEffect(() => onLangChange(bump), []);
}
