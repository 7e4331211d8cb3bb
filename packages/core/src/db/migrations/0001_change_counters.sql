CREATE TABLE `change_counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `change_counters` (`name`, `value`) VALUES ('tickets', 0);
--> statement-breakpoint
CREATE TRIGGER `tickets_changed_on_insert` AFTER INSERT ON `tickets` BEGIN UPDATE `change_counters` SET `value` = `value` + 1 WHERE `name` = 'tickets'; END;
--> statement-breakpoint
CREATE TRIGGER `tickets_changed_on_update` AFTER UPDATE ON `tickets` BEGIN UPDATE `change_counters` SET `value` = `value` + 1 WHERE `name` = 'tickets'; END;
--> statement-breakpoint
CREATE TRIGGER `tickets_changed_on_delete` AFTER DELETE ON `tickets` BEGIN UPDATE `change_counters` SET `value` = `value` + 1 WHERE `name` = 'tickets'; END;
