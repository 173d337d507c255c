-- History import: the satisfaction score other helpdesks export with each case.
-- 1 (very unhappy) to 5 (very happy); NULL when the requester gave none.
ALTER TABLE cases ADD COLUMN csat smallint CHECK (csat BETWEEN 1 AND 5);
