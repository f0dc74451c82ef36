// Language and theme survive a reload (localStorage); the first run follows the browser.

import type { Language, Theme } from './app-state.ts';

export interface Prefs {
  language: Language;
  theme: Theme;
}

export function loadPrefs(): Prefs {
  let language: Language = navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  let theme: Theme = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  try {
    const l = localStorage.getItem('wirestep.language');
    const t = localStorage.getItem('wirestep.theme');
    if (l === 'en' || l === 'zh') language = l;
    if (t === 'light' || t === 'dark') theme = t;
  } catch {
    // storage blocked: defaults stand
  }
  return { language, theme };
}

export function savePrefs(p: Prefs): void {
  try {
    localStorage.setItem('wirestep.language', p.language);
    localStorage.setItem('wirestep.theme', p.theme);
  } catch {
    // storage blocked: nothing to keep
  }
}
