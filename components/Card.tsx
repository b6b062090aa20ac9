// A white card on the page in AdminJS' light theme, and the theme's container colour in any other:
// Box's variant="card" paints `white`, which @adminjs/themes' dark theme leaves white.
import React from 'react';
import { Box, type BoxProps } from '@adminjs/design-system';

const Card: React.FC<BoxProps & React.HTMLAttributes<HTMLElement> & { 'data-testid'?: string }> = (props) => (
  <Box bg="container" boxShadow="card" p="xxl" {...props} />
);

export default Card;
