import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of every page; `page-title` tells tests (and screen readers) which page is shown. */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <Flex align="center" justify="space-between" style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
