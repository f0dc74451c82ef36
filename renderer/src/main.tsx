import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/index.ts';
import { App } from './app.tsx';
import { loadPrefs } from './state/prefs.ts';
import './styles.css';

const prefs = loadPrefs();
initI18n(prefs.language);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App prefs={prefs} />
  </StrictMode>,
);
