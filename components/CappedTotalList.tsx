// The AdminJS list as it is, except the total in the header: above the exact-count limit the
// server only knows "more than the limit" (src/admin/capped-total.ts), so it says "10,000+".
import React from 'react';
import { OriginalList, useTranslation, type ActionProps } from 'adminjs';

const CappedTotalList: React.FC<ActionProps> = (props) => {
  const { i18n } = useTranslation();
  const limit = Number((props.action.custom as { exactCountLimit?: number } | undefined)?.exactCountLimit ?? Infinity);
  const { setTag } = props;
  const cappedTag: ActionProps['setTag'] = setTag
    ? (tag) => setTag(typeof tag === 'string' && Number(tag) > limit ? `${limit.toLocaleString(i18n.language)}+` : tag)
    : undefined;
  return <OriginalList {...props} setTag={cappedTag} />;
};

export default CappedTotalList;
