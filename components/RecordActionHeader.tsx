// Override of AdminJS' ActionHeader (registered with componentLoader.override in
// src/admin/components.ts). AdminJS titles a record page with the action's name ("Show") and ends
// the breadcrumbs with it; a record action that sets `custom: { recordTitle: true }` gets the
// record's title instead (a chat's name): "Dashboard / Online chats / Flower shop". Every other
// header, of this plugin or of the host application, is AdminJS' own.
import React from 'react';
import { Box, ButtonGroup, H2, cssClass, type ButtonInGroupProps } from '@adminjs/design-system';
import { useLocation, useNavigate } from 'react-router';
import {
  BreadcrumbLink, ViewHelpers, actionHref, buildActionClickHandler, buildActionTestId,
  useActionResponseHandler, useModal, useTranslation, type ActionHeaderProps, type ActionJSON,
} from 'adminjs';

type Props = ActionHeaderProps & { OriginalComponent?: React.ComponentType<ActionHeaderProps> };

const h = new ViewHelpers();

const RecordActionHeader: React.FC<Props> = ({ OriginalComponent, ...props }) => {
  const { resource, record, action, actionPerformed, omitActions } = props;
  const translateFunctions = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const actionResponseHandler = useActionResponseHandler(actionPerformed);
  const modalFunctions = useModal();

  const title = record?.title ? String(record.title) : '';
  if (!record || !title || !action?.custom?.recordTitle || action.showInDrawer || action.hideActionHeader) {
    return OriginalComponent ? <OriginalComponent {...props} /> : null;
  }

  const { translateAction, translateLabel } = translateFunctions;
  const params = { resourceId: resource.id, recordId: record.id };
  const handleClick = (event: unknown, source: ActionJSON) => buildActionClickHandler({
    action: source, params, actionResponseHandler, navigate, location, translateFunctions, modalFunctions,
  })(event);
  // the record's other actions, as AdminJS' header lists them (these resources nest none)
  const buttons: ButtonInGroupProps[] = record.recordActions
    .filter((other) => other.name !== action.name)
    .map((other) => {
      const href = actionHref(other, params);
      return {
        icon: other.icon,
        label: translateAction(other.label, resource.id),
        variant: other.variant,
        source: other,
        href: href || undefined,
        onClick: href ? handleClick : undefined,
        'data-testid': buildActionTestId(other),
        'data-css': `${other.resourceId}-${other.name}-button`,
      } as ButtonInGroupProps;
    });
  const showUrl = h.recordActionUrl({ resourceId: resource.id, recordId: record.id, actionName: 'show' });

  return (
    <Box className={cssClass('ActionHeader')} data-css={`${resource.id}-${action.name}-action-header`}>
      <Box flex flexDirection="row" px={['default', 0]}>
        <Box flexGrow={1} className={cssClass('Breadcrumbs')} data-css={`${resource.id}-${action.name}-breadcrumbs`}>
          <BreadcrumbLink to={h.dashboardUrl()}>{translateLabel('dashboard')}</BreadcrumbLink>
          <BreadcrumbLink to={resource.href || '/'} className="is-active">{translateLabel(resource.name, resource.id)}</BreadcrumbLink>
          <BreadcrumbLink to={showUrl}>{title}</BreadcrumbLink>
          {action.name !== 'show' ? <BreadcrumbLink to="#">{translateAction(action.label, resource.id)}</BreadcrumbLink> : null}
        </Box>
      </Box>
      {/* the buttons sit right of the title, or under it when both do not fit on one line */}
      <Box flex mt="lg" mb="lg" style={{ flexWrap: 'wrap', alignItems: 'center', gap: '16px 24px' }}>
        <Box px={['default', 0]} style={{ flex: '1 1 auto', maxWidth: '100%' }}>
          <H2 style={{ margin: 0, overflowWrap: 'break-word' }} data-testid="record-title">
            {action.name === 'show' ? title : translateAction(action.label, resource.id)}
          </H2>
        </Box>
        {!omitActions ? (
          <Box flexShrink={0} style={{ marginLeft: 'auto' }}>
            <ButtonGroup buttons={buttons} />
          </Box>
        ) : null}
      </Box>
    </Box>
  );
};

export default RecordActionHeader;
