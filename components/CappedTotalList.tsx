// The AdminJS list as it is, except the total in the header: above the exact-count limit the
// server only knows "more than the limit" (src/admin/capped-total.ts), so it says "10,000+"
// ("1,000+" with a text search, which has the lower limit).
import React from 'react';
import { useLocation } from 'react-router';
import { OriginalList, useTranslation, type ActionProps } from 'adminjs';

interface Limits { exactCountLimit?: number; textCountLimit?: number }

const CappedTotalList: React.FC<ActionProps> = (props) => {
  const { i18n } = useTranslation();
  const { search } = useLocation();
  const limits = (props.action.custom ?? {}) as Limits;
  const textSearch = Boolean(new URLSearchParams(search).get('filters.text')?.trim());
  const limit = Number((textSearch ? limits.textCountLimit : limits.exactCountLimit) ?? Infinity);
  const { setTag } = props;
  const cappedTag: ActionProps['setTag'] = setTag
    ? (tag) => setTag(typeof tag === 'string' && Number(tag) > limit ? `${limit.toLocaleString(i18n.language)}+` : tag)
    : undefined;
  return <OriginalList {...props} setTag={cappedTag} />;
};

export default CappedTotalList;
