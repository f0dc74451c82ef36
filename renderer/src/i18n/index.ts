// i18next setup: the shell's en/zh resources plus every view's own `<view>.en.json` /
// `<view>.zh.json` in this folder, merged at build time (import.meta.glob), so helpers add keys
// without editing the shared files.

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zh from './zh.json';

type Tree = { [k: string]: string | Tree };

function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (typeof v === 'object' && typeof cur === 'object') merge(cur, v);
    else into[k] = v;
  }
  return into;
}

const extras = import.meta.glob<{ default: Tree }>('./*.{en,zh}.json', { eager: true });
const resources: Record<'en' | 'zh', Tree> = {
  en: structuredClone(en) as Tree,
  zh: structuredClone(zh) as Tree,
};
for (const [path, mod] of Object.entries(extras)) {
  const lang = path.endsWith('.zh.json') ? 'zh' : 'en';
  merge(resources[lang], mod.default);
}

export function initI18n(language: 'en' | 'zh'): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: resources.en }, zh: { translation: resources.zh } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
