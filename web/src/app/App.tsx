import { Badge, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { createQueryClient } from './queryClient';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';

// System fonts per script, so Chinese and Malay render with the platform's own faces.
const theme = createTheme({
  primaryColor: 'teal',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  defaultRadius: 'md',
  components: {
    // Sentence case reads better in Malay and English role names, and a badge inside a
    // table cell must keep its full text instead of shrinking to an ellipsis.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { label: { overflow: 'visible' } } }),
  },
});

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider fallback={<FullPageLoader />}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
