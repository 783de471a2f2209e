import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AuthGate } from './auth/auth-gate';
import { DirectoriesProvider } from './directories';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthGate>
      <DirectoriesProvider fallback={<div className="splash">清水 · 正在打开工作区…</div>}>
        <App />
      </DirectoriesProvider>
    </AuthGate>
  </StrictMode>,
);
