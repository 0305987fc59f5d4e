-- $orderby=userName (the order people list users in) pages by index, like the default order by id:
-- without it, the first page of a large app sorts all of its matching rows. NULLS FIRST, as the
-- page query orders (NULL is the smallest value, as in SQLite).
CREATE INDEX user_statuses_by_user_name
  ON user_app_install_statuses (mobile_app_id, user_name NULLS FIRST, id NULLS FIRST);
