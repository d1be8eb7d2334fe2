import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useQuoteProducts, type QuoteLine, type QuoteLineInput } from '../api/quotes';

export interface DraftLine extends QuoteLineInput {
  key: string;
  /** The product's label, known for lines that came from the quote or were picked here. */
  productLabel?: string;
}

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

/** The lines as the editor starts from them: what the quote has, as strings the server sent. */
export function toDraftLines(lines: QuoteLine[], language: string): DraftLine[] {
  return lines.map((line) => ({
    key: line.id,
    productId: line.productId,
    productLabel: `${line.productCode} ${language.startsWith('zh') ? line.productName : line.productNameEn}`,
    quantity: stripZeros(line.quantity),
    ...(line.discountPercent !== undefined ? { discountPercent: stripZeros(line.discountPercent) } : {}),
    ...(line.description ? { description: line.description } : {}),
  }));
}

/** What the API takes: the lines without the editor's bookkeeping. List prices stay the price list's. */
export function toLineInputs(lines: DraftLine[]): QuoteLineInput[] {
  return lines.map(({ productId, quantity, discountPercent, description }) => ({ productId, quantity: quantity.trim(), ...(discountPercent?.trim() ? { discountPercent: discountPercent.trim() } : {}), ...(description ? { description } : {}) }));
}

/** `3.000` → `3`, `15.00` → `15`: the same decimal, as a person types it (string operations only). */
function stripZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/**
 * Edits the lines of a quote: product from the catalogue, quantity and discount % as decimal strings. Nothing is
 * computed here: the server prices the lines and answers the totals. `errors` are the server's 400 field errors
 * (`lines[2].discountPercent`), shown on their cells.
 */
export function QuoteLineEditor({ lines, onChange, errors }: { lines: DraftLine[]; onChange: (lines: DraftLine[]) => void; errors: Readonly<Record<string, string>> }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const products = useQuoteProducts(q);
  const options = (products.data?.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${i18n.language.startsWith('zh') ? p.name : p.nameEn}` }));
  const change = (key: string, patch: Partial<DraftLine>) => onChange(lines.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const error = (index: number, field: string) => errors[`lines[${index}].${field}`];
  const cell = (index: number, field: string, node: React.ReactNode) => (
    <Form.Item style={{ margin: 0 }} validateStatus={error(index, field) ? 'error' : undefined} help={error(index, field)}>
      {node}
    </Form.Item>
  );

  return (
    <Flex vertical gap={8} data-testid="quote-line-editor">
      <Table<DraftLine>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={lines}
        scroll={{ x: true }}
        columns={[
          {
            key: 'product',
            title: t('quotes.lines.product'),
            render: (_, line, index) =>
              cell(index, 'productId',
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setSearch}
                  placeholder={t('quotes.lines.pickProduct')}
                  value={line.productId || undefined}
                  options={line.productLabel && !options.some((o) => o.value === line.productId) ? [{ value: line.productId, label: line.productLabel }, ...options] : options}
                  onChange={(productId: string) => change(line.key, { productId, productLabel: options.find((o) => o.value === productId)?.label })}
                  style={{ minWidth: 240 }}
                  aria-label={`${t('quotes.lines.product')} ${index + 1}`}
                  data-testid={`quote-line-product-${index}`}
                />),
          },
          {
            key: 'quantity',
            title: t('quotes.lines.quantity'),
            render: (_, line, index) => cell(index, 'quantity', <Input inputMode="decimal" value={line.quantity} onChange={(event) => change(line.key, { quantity: event.target.value })} style={{ width: 100 }} aria-label={`${t('quotes.lines.quantity')} ${index + 1}`} data-testid={`quote-line-quantity-${index}`} />),
          },
          {
            key: 'discountPercent',
            title: t('quotes.lines.discountPercent'),
            render: (_, line, index) => cell(index, 'discountPercent', <Input inputMode="decimal" value={line.discountPercent ?? ''} onChange={(event) => change(line.key, { discountPercent: event.target.value })} style={{ width: 90 }} aria-label={`${t('quotes.lines.discountPercent')} ${index + 1}`} data-testid={`quote-line-discount-${index}`} />),
          },
          {
            key: 'remove',
            render: (_, line) => <Button type="text" icon={<DeleteOutlined />} aria-label={t('quotes.lines.remove')} onClick={() => onChange(lines.filter((l) => l.key !== line.key))} />,
          },
        ]}
      />
      <div>
        <Button icon={<PlusOutlined />} onClick={() => onChange([...lines, { key: newKey(), productId: '', quantity: '1', discountPercent: '0' }])} data-testid="quote-line-add">
          {t('quotes.lines.add')}
        </Button>
      </div>
    </Flex>
  );
}
