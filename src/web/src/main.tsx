import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/queryClient';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles.css';
import './styles/components.css';
import './styles/feedback.css';
import './styles/search.css';
import './styles/plan.css';
import './styles/task.css';
import './styles/sharing.css';
import './styles/admin.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
