-- Stands for a host application's own Flyway migration (Spring Boot's default location), see HostFlywayIT.
CREATE TABLE host_orders (id bigint PRIMARY KEY);
