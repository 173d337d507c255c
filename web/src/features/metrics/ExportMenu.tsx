import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { metricExportUrl } from './queries';
import type { MetricName } from './types';

/**
 * "Export" → CSV or Excel of each metric's table with the same parameters as on screen.
 * Plain links: a GET with the session cookie, so the browser downloads as it streams.
 */
export function ExportMenu({ items, testId }: { items: { metric: MetricName; params: Record<string, string> }[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-xs" data-testid={testId ?? 'metric-export'}>
          {t('metrics.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map(({ metric, params }) => (
          <div key={metric}>
            {items.length > 1 && <Menu.Label>{t(`metrics.name.${metric}`)}</Menu.Label>}
            {(['csv', 'xlsx'] as const).map((format) => (
              <Menu.Item
                key={format}
                component="a"
                href={metricExportUrl(metric, params, format)}
                download
                data-testid={`metric-export-${format}`}
                data-metric={metric}
              >
                {t(`metrics.export.${format}`)}
              </Menu.Item>
            ))}
          </div>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
