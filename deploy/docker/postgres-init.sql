CREATE DATABASE wayfarer_auth;
CREATE DATABASE wayfarer_rbac;
CREATE DATABASE wayfarer_catalog;
CREATE DATABASE wayfarer_chat;
CREATE DATABASE wayfarer_recommend;
CREATE DATABASE wayfarer_payment;
