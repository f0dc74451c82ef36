// Keeps one view's crash inside its tab: the rest of the app (list, overview, other tabs) stays
// usable, and the message says which view failed (no stack trace on screen).

import { Component, type ReactNode } from 'react';

interface Props {
  /** Already translated, with {{message}} filled in by render(). */
  fallback: (message: string) => ReactNode;
  children: ReactNode;
}

export class ViewBoundary extends Component<Props, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(e: unknown) {
    return { message: e instanceof Error ? e.message : String(e) };
  }

  override componentDidCatch(e: unknown) {
    console.error('view failed:', e instanceof Error ? e.message : e);
  }

  override render() {
    return this.state.message !== null ? this.props.fallback(this.state.message) : this.props.children;
  }
}
