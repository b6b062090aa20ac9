// The "Team" page (bundled by AdminJS with the chats' components).
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, H2, Table, TableBody, TableCell, TableHead, TableRow } from '@adminjs/design-system';

const api = new ApiClient();

const Team = () => {
  const [users, setUsers] = useState([]);
  useEffect(() => {
    api.getPage({ pageName: 'team' }).then((response) => setUsers(response.data.users ?? []));
  }, []);
  return (
    <Box variant="white" m="xl">
      <H2>Team</H2>
      <Table>
        <TableHead>
          <TableRow><TableCell>E-mail</TableCell><TableCell>Name</TableCell><TableCell>Role</TableCell></TableRow>
        </TableHead>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id}><TableCell>{user.email}</TableCell><TableCell>{user.name}</TableCell><TableCell>{user.role}</TableCell></TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

export default Team;
