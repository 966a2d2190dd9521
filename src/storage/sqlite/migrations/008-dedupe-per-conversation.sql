-- A platform's message ids are unique per conversation, not per channel (the web chat's
-- client-chosen messageId, Telegram's message_id per chat): two conversations that both send
-- "m1" are two messages. A redelivery is the same id in the same conversation.
DROP INDEX messages_incoming_once;
CREATE UNIQUE INDEX messages_incoming_once ON messages (channel, conversation_id, message_id) WHERE direction = 'in';
